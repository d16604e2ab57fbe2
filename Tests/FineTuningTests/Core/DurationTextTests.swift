import FineTuning
import Testing

/// Every message that states a duration (plugin timeouts in process and in a child host, conformance
/// runs) writes it through `Duration.secondsText`, so they all read the same way.
@Suite struct DurationTextTests {
    @Test func wholeSecondsHaveNoFractionAndOthersKeepIt() {
        #expect(Duration.seconds(60).secondsText == "60 s")
        #expect(Duration.seconds(4).secondsText == "4 s")
        #expect(Duration.milliseconds(500).secondsText == "0.5 s")
        #expect(Duration.milliseconds(300).secondsText == "0.3 s")
    }
}
