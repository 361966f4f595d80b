package dev.tributary.ingest.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The REST API under {@code /api}: the bearer token check when {@code tributary.api.token} is set,
 * which also admits a recording's media fetched through a signed link ({@link MediaLinks}).
 * The OpenAPI document ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui.html}) are outside
 * {@code /api} and need no token: they describe the API and hold no data; Swagger UI's
 * "Authorize" button takes the token for the calls it makes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
@OpenAPIDefinition(info = @Info(title = "Tributary API", version = "1",
        description = "Recordings and live ingest sessions of a Tributary WHIP ingest service."))
@SecurityScheme(name = ApiConfiguration.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The token set by tributary.api.token; not needed when none is set.")
public class ApiConfiguration implements WebMvcConfigurer {

    static final String SECURITY_SCHEME = "bearer";

    private static final Logger log = LoggerFactory.getLogger(ApiConfiguration.class);

    private final ApiProperties properties;
    private final MediaLinks mediaLinks;

    public ApiConfiguration(ApiProperties properties) {
        this.properties = properties;
        this.mediaLinks = new MediaLinks(properties.token(), properties.mediaLinkTtl(), Clock.systemUTC());
        if (!properties.tokenRequired()) {
            log.warn("tributary.api.token is not set: the recordings and sessions API at /api is open to anyone "
                    + "who can reach this port");
        }
    }

    /** The signer the token check and the media-link endpoint share. */
    @Bean
    MediaLinks mediaLinks() {
        return mediaLinks;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.tokenRequired()) {
            registry.addInterceptor(new ApiTokenInterceptor(properties.token(), mediaLinks)).addPathPatterns("/api/**");
        }
    }
}
