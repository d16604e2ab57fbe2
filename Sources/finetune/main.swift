import FineTuningCLI

await FinetuneCommand.main()
