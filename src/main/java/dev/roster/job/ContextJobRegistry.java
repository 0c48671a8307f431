package dev.roster.job;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * The job operator's registry, reading the context's jobs by name when asked. Batch's own registry makes every job's
 * beans when the operator is made, which a command that runs one job (or none) would pay for at each start. A job's
 * name is its bean's name.
 */
@Component
class ContextJobRegistry implements JobRegistry {

	private final ListableBeanFactory beans;

	private final Map<String, Job> registered = new ConcurrentHashMap<>();

	ContextJobRegistry(ListableBeanFactory beans) {
		this.beans = beans;
	}

	@Override
	public Job getJob(String name) {
		Job job = this.registered.get(name);
		if (job != null) {
			return job;
		}
		// none, as Batch's own registry answers for a name it does not know
		if (!this.beans.containsBean(name) || !this.beans.isTypeMatch(name, Job.class)) {
			return null;
		}
		return this.beans.getBean(name, Job.class);
	}

	@Override
	public Collection<String> getJobNames() {
		Set<String> names = new LinkedHashSet<>(List.of(this.beans.getBeanNamesForType(Job.class, false, false)));
		names.addAll(this.registered.keySet());
		return names;
	}

	@Override
	public void register(Job job) throws DuplicateJobException {
		if (this.registered.putIfAbsent(job.getName(), job) != null) {
			throw new DuplicateJobException("A job named " + job.getName() + " is already registered");
		}
	}

	@Override
	public void unregister(String name) {
		this.registered.remove(name);
	}

}
