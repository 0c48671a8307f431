package dev.roster.cli;

import dev.roster.RosterHome;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Just the home, bound as every command binds it, for a command that must not start the database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RosterHome.class)
class HomeOnlyConfiguration {

}
