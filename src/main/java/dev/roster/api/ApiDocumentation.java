package dev.roster.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document ({@code /v3/api-docs}) says of the API as a whole: the two ways in, a machine's bearer
 * token and a person's session cookie (whose requests that change something carry the CSRF token).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Roster", version = "v1",
		description = "Bulk jobs, users and the audit log of the accounts a caller may see."),
		security = { @SecurityRequirement(name = ApiDocumentation.BEARER),
				@SecurityRequirement(name = ApiDocumentation.SESSION) })
@SecurityScheme(name = ApiDocumentation.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
		bearerFormat = "rst_ token", description = "An API token: roster token create")
@SecurityScheme(name = ApiDocumentation.SESSION, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
		paramName = "JSESSIONID", description = "A person's session after signing in at /login; requests that change "
				+ "something also send the X-CSRF-TOKEN header")
class ApiDocumentation {

	static final String BEARER = "bearer";

	static final String SESSION = "session";

}
