package dev.tributary;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.tributary.webrtc.WebRtcException;

/** The stack is usable on its own: it must not reach into the service or its frameworks. */
@AnalyzeClasses(packages = "dev.tributary", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule stackDoesNotDependOnTheService = noClasses()
            .that().resideInAPackage("dev.tributary.webrtc..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.tributary.ingest..", "org.springframework..", "org.bytedeco..")
            .because("dev.tributary.webrtc is a standalone WebRTC stack");

    @ArchTest
    static final ArchRule srtpKnowsNothingOfDtls = noClasses()
            .that().resideInAPackage("dev.tributary.webrtc.srtp..")
            .should().dependOnClassesThat().resideInAPackage("dev.tributary.webrtc.dtls..")
            .because("srtp is plain RFC 3711/7714; DTLS-SRTP keying (RFC 5764 §4.2) belongs to dtls");

    @ArchTest
    static final ArchRule dtlsKnowsNothingOfSdp = noClasses()
            .that().resideInAPackage("dev.tributary.webrtc.dtls..")
            .should().dependOnClassesThat().resideInAPackage("dev.tributary.webrtc.sdp..")
            .because("the SDP text form of fingerprints is sdp.Fingerprint's; the peer connection converts");

    @ArchTest
    static final ArchRule stackThrowsItsOwnExceptions = noClasses()
            .that().resideInAPackage("dev.tributary.webrtc..")
            .and().areNotAssignableTo(WebRtcException.class)
            .should().callConstructor(RuntimeException.class, String.class)
            .orShould().callConstructor(RuntimeException.class)
            .orShould().callConstructor(IllegalStateException.class, String.class)
            .because("the stack throws its own typed exceptions (WebRtcException and subtypes)");
}
