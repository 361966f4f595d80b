package dev.tributary.ingest.whip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** The WHIP endpoints with nothing configured: open publishing, no ICE servers, any origin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FakeSessionsConfiguration.class)
class WhipOpenPublishTest {

    @LocalServerPort
    int port;

    @Autowired
    FakeIngestSessions sessions;

    @Autowired
    PublishAuthorizer authorizer;

    private WhipClient whip;

    @BeforeEach
    void setUp() {
        sessions.reset();
        whip = new WhipClient(port);
    }

    @Test
    void withoutTokensAnyoneMayPublish() throws Exception {
        assertThat(authorizer).isInstanceOf(TokenPublishAuthorizer.class);
        assertThat(((TokenPublishAuthorizer) authorizer).isOpen()).isTrue();

        assertThat(whip.publish("cam1", null).statusCode()).isEqualTo(201);
        assertThat(whip.publish("cam2", "anything").statusCode()).isEqualTo(201);
    }

    @Test
    void withoutIceServersThereAreNoLinkHeaders() throws Exception {
        HttpResponse<String> response = whip.publish("cam1", null);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("Link")).isEmpty();
    }

    @Test
    void anyOriginMayPublishByDefault() throws Exception {
        HttpResponse<String> preflight =
                whip.preflight("/whip/cam1", "https://anywhere.example.org", "POST", "content-type");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
}
