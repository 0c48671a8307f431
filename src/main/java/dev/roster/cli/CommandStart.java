package dev.roster.cli;

import java.util.List;
import java.util.Map;

import org.springframework.aop.scope.ScopedProxyFactoryBean;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * How a command other than {@code roster serve} starts: in the {@code command} profile, making a bean only when the
 * command uses it (one job's command would otherwise make every job and store at each start), without serve's doors
 * (drop folders, HTTP API, console, actuator) and the auto-configurations only they use
 * ({@link ServeOnlyAutoConfigurations}). The schema's migration (when behind) still runs first, before any command
 * reads a table.
 */
final class CommandStart {

	/** The profile of every command but {@code roster serve}. */
	static final String PROFILE = "command";

	private static final List<String> DOORS = List.of("dev.roster.inbox.", "dev.roster.api.", "dev.roster.console.",
			"dev.roster.management.");

	private CommandStart() {
	}

	static SpringApplication application(Class<?> application) {
		// Boot warms up bean validation and HTTP's JSON on a second thread (if asked before the application is made),
		// which a command uses neither of, while the command itself wants both of a small machine's cores
		System.setProperty("spring.backgroundpreinitializer.ignore", "true");
		SpringApplication spring = new SpringApplication(application);
		spring.setAdditionalProfiles(PROFILE);
		spring.setLazyInitialization(true);
		// a pool that opens ten connections at start, each a password exchange and a server process, takes a
		// short command's CPU for connections it never uses; one opens at start and the pool grows when a job needs more
		spring.setDefaultProperties(Map.of("spring.datasource.hikari.minimum-idle", "1"));
		spring.addInitializers((context) -> {
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			beans.registerSingleton("serveDoorsLeftOut", new DoorsLeftOut());
			context.addBeanFactoryPostProcessor(CommandStart::typeScopedProxies);
		});
		return spring;
	}

	/**
	 * Names the type of each step-scoped bean's proxy from its target's definition. Otherwise the context learns it by
	 * making the proxy, a class generated at run time, for every job's readers and writers at each start.
	 */
	private static void typeScopedProxies(ConfigurableListableBeanFactory beans) {
		for (String name : beans.getBeanDefinitionNames()) {
			BeanDefinition definition = beans.getBeanDefinition(name);
			String target = ScopedProxyUtils.getTargetBeanName(name);
			if (ScopedProxyFactoryBean.class.getName().equals(definition.getBeanClassName())
					&& definition.getAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE) == null
					&& beans.containsBeanDefinition(target)) {
				Class<?> type = beans.getType(target, false);
				if (type != null) {
					definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, ResolvableType.forClass(type));
				}
			}
		}
	}

	/** Leaves serve's doors out of the components a command's context finds. */
	private static final class DoorsLeftOut extends TypeExcludeFilter {

		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			String name = reader.getClassMetadata().getClassName();
			return DOORS.stream().anyMatch(name::startsWith);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof DoorsLeftOut;
		}

		@Override
		public int hashCode() {
			return DoorsLeftOut.class.hashCode();
		}

	}

}
