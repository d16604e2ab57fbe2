public import ArgumentParser
public import FineTuning
public import FineTuningConformance

// The library's enums as command-line values: an unknown value is a usage error (exit 64) that
// lists the valid ones.

extension TuningMethod: ExpressibleByArgument, CaseIterable {
    public static var allCases: [TuningMethod] { [.supervised, .dpo] }
}

extension JobStatus: ExpressibleByArgument {
    /// A known state by its wire name; `unknown(...)` cannot be asked for.
    public init?(argument: String) {
        guard let known = JobStatus.known.first(where: { $0.name == argument }) else { return nil }
        self = known
    }

    public static var allValueStrings: [String] { JobStatus.known.map(\.name) }
}

extension AdapterSize: ExpressibleByArgument {
    public init?(argument: String) {
        guard let size = AdapterSize(parsing: argument), AdapterSize.ranks.contains(size.rank) else { return nil }
        self = size
    }

    public static var allValueStrings: [String] { ["small", "medium", "large"] + AdapterSize.ranks.map(String.init) }
}

extension ConformanceMode: ExpressibleByArgument {}
