// A plugin needs the normalized model and the HTTP client; `import FineTuningPluginKit` brings both.
@_exported import FineTuning
@_exported import FineTuningHTTP
