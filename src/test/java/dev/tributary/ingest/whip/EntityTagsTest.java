package dev.tributary.ingest.whip;

import static dev.tributary.ingest.whip.EntityTags.Precondition.ABSENT;
import static dev.tributary.ingest.whip.EntityTags.Precondition.ANY;
import static dev.tributary.ingest.whip.EntityTags.Precondition.FAILS;
import static dev.tributary.ingest.whip.EntityTags.Precondition.MATCHES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void quotesAnOpaqueValueAndKeepsAQuotedOne() {
        assertThat(EntityTags.strong("ice-1")).isEqualTo("\"ice-1\"");
        assertThat(EntityTags.strong("\"ice-1\"")).isEqualTo("\"ice-1\"");
        assertThatIllegalArgumentException().isThrownBy(() -> EntityTags.strong("two words"));
        assertThatIllegalArgumentException().isThrownBy(() -> EntityTags.strong("W/\"weak\""));
    }

    @Test
    void ifMatchComparesStronglyAgainstEveryListedTag() {
        String current = "\"ice-2\"";
        assertThat(EntityTags.ifMatch(List.of(), current)).isEqualTo(ABSENT);
        assertThat(EntityTags.ifMatch(List.of("*"), current)).isEqualTo(ANY);
        assertThat(EntityTags.ifMatch(List.of(" * "), current)).isEqualTo(ANY);
        assertThat(EntityTags.ifMatch(List.of("\"ice-2\""), current)).isEqualTo(MATCHES);
        assertThat(EntityTags.ifMatch(List.of("\"ice-1\", \"ice-2\""), current)).isEqualTo(MATCHES);
        assertThat(EntityTags.ifMatch(List.of("\"ice-1\"", "\"ice-2\""), current)).isEqualTo(MATCHES);
        assertThat(EntityTags.ifMatch(List.of("\"ice-1\""), current)).isEqualTo(FAILS);
        assertThat(EntityTags.ifMatch(List.of("W/\"ice-2\""), current)).isEqualTo(FAILS);
        assertThat(EntityTags.ifMatch(List.of("\"a,b\""), "\"a,b\"")).isEqualTo(MATCHES);
    }

    @Test
    void malformedIfMatchIsRefused() {
        for (String bad : List.of("ice-2", "\"ice-2", "\"a\" \"b\"", "", " , ", "W/ice", "\"a b\"")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> EntityTags.ifMatch(List.of(bad), "\"a\""));
        }
    }
}
