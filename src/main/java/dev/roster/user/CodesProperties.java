package dev.roster.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access codes, bound from {@code roster.codes.*}.
 *
 * @param length digits per code, 6 to 12
 */
@ConfigurationProperties("roster.codes")
record CodesProperties(@DefaultValue("8") int length) {
}
