// `import FineTuning` is the whole core vocabulary: the shared error and JSON value types and the
// dataset toolkit live in their own modules, below the core, and come with it.
@_exported import FineTuningBase
@_exported import FineTuningDataset
