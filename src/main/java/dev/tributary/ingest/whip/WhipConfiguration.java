package dev.tributary.ingest.whip;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for the WHIP endpoints, so that a page on another origin can publish with {@code fetch}:
 * preflights for POST, PATCH and DELETE with {@code Authorization}, {@code Content-Type} and
 * {@code If-Match}, and the response headers a WHIP client reads exposed to it. Tokens travel in
 * {@code Authorization}, never in cookies, so credentials mode stays off and {@code *} is a valid
 * origin.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WhipProperties.class)
class WhipConfiguration implements WebMvcConfigurer {

    private final WhipProperties properties;

    WhipConfiguration(WhipProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/whip/**")
                .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
                .allowedMethods("POST", "PATCH", "DELETE", "OPTIONS")
                .allowedHeaders(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH)
                .exposedHeaders(HttpHeaders.LOCATION, HttpHeaders.ETAG, HttpHeaders.LINK, HttpHeaders.ACCEPT_PATCH,
                        WhipController.ACCEPT_POST, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)
                .allowCredentials(false)
                .maxAge(3600);
    }
}
