// The dataset toolkit's errors and pass-through JSON values are the framework's shared ones.
@_exported import FineTuningBase
