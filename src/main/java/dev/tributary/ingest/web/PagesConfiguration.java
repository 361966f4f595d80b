package dev.tributary.ingest.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The service's own web pages: the publish page at {@code /} (Spring Boot serves
 * {@code static/index.html} there by itself) and the recordings page at {@code /recordings}.
 * The pages are static files with plain JavaScript; they talk to the WHIP endpoint and the
 * recordings API like any other client.
 */
@Configuration(proxyBeanMethods = false)
class PagesConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // A forward, not a redirect: the address bar keeps the short path, and relative links
        // in the page still resolve against the root.
        registry.addViewController("/recordings").setViewName("forward:/recordings.html");
    }
}
