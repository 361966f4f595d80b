package dev.tributary.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors that no controller's own handler sees are RFC 9457 problem details too: a path that
 * matches nothing (404) and a method a path does not take (405), which Spring MVC raises before
 * any controller is chosen.
 *
 * <p>An encoded slash ({@code %2F}) in a path is passed through to the application instead of
 * being refused by Tomcat with an HTML page: it stays inside its path segment, so
 * {@code /whip/..%2F..%2Fx} is the stream key {@code ../../x} and {@code /api/recordings/a%2Fb} the
 * recording id {@code a/b}, both of which their controllers reject with a problem detail; static
 * resources refuse encoded traversal themselves.
 */
@Configuration(proxyBeanMethods = false)
class HttpErrorsConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApplication() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /** Applies to handlers without advice of their own, and to requests no handler took. */
    @RestControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE)
    static class Problems {

        @ExceptionHandler
        ProblemDetail notFound(NoResourceFoundException e, HttpServletRequest request) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is nothing here.");
            problem.setTitle("Not found");
            return problem;
        }

        @ExceptionHandler
        ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                    "This resource does not take " + e.getMethod() + ".");
            ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
            if (e.getSupportedHttpMethods() != null && !e.getSupportedHttpMethods().isEmpty()) {
                response.header(HttpHeaders.ALLOW, e.getSupportedHttpMethods().stream()
                        .map(Object::toString).sorted().reduce((a, b) -> a + ", " + b).orElseThrow());
            }
            return response.body(problem);
        }
    }
}
