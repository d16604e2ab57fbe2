// The documents and operations of the ABI are part of the loader's API (LoadedPlugin.manifest, ...).
@_exported import FineTuningPluginABI
