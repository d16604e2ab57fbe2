public import ArgumentParser
public import FineTuning

extension DatasetFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
