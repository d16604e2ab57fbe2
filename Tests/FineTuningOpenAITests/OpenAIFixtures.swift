/// Response bodies in the shapes OpenAI and Azure OpenAI send (OpenAI's OpenAPI examples and
/// Azure's 2024-10-21 examples), shared by the tests.
enum OpenAIFixtures {
    /// OpenAI's createFineTuningJob example: `error` of nulls, `"auto"` hyperparameters.
    static let queuedDPOJob = """
    {"object":"fine_tuning.job","id":"ftjob-abc","model":"gpt-4o-mini","created_at":1746130590,"fine_tuned_model":null,
     "organization_id":"org-abc","result_files":[],"status":"queued","validation_file":"file-123","training_file":"file-abc",
     "method":{"type":"dpo","dpo":{"hyperparameters":{"beta":0.1,"batch_size":"auto","learning_rate_multiplier":"auto","n_epochs":"auto"}}},
     "metadata":null,"error":{"code":null,"message":null,"param":null},"finished_at":null,"hyperparameters":null,
     "seed":1036326793,"estimated_finish":null,"integrations":[],"user_provided_suffix":null,"usage_metrics":null,"shared_with_openai":false}
    """

    static func job(id: String = "ftjob-abc", status: String, error: String = "{}", fineTunedModel: String = "null", metadata: String = "{\"finetune-client-token\":\"tok-1\"}") -> String {
        """
        {"object":"fine_tuning.job","id":"\(id)","model":"gpt-4o-mini-2024-07-18","created_at":1721764800,
         "error":\(error),"fine_tuned_model":\(fineTunedModel),"finished_at":null,
         "hyperparameters":{"n_epochs":3,"batch_size":1,"learning_rate_multiplier":1.8},
         "method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":3,"batch_size":1,"learning_rate_multiplier":1.8}}},
         "organization_id":"org-abc","result_files":[],"seed":42,"status":"\(status)","trained_tokens":null,
         "training_file":"file-abc","validation_file":null,"estimated_finish":null,"integrations":[],
         "metadata":\(metadata),"user_provided_suffix":null,"usage_metrics":null,"shared_with_openai":false}
        """
    }

    static func list(_ jobs: [String], hasMore: Bool) -> String {
        "{\"object\":\"list\",\"data\":[\(jobs.joined(separator: ","))],\"has_more\":\(hasMore)}"
    }

    /// Azure 2024-10-21 post_finetuning_job example (201).
    static let azureCreated = """
    {"hyperparameters":{"n_epochs":-1},"status":"pending","model":"gpt-4o-mini-2024-07-18","training_file":"file-181a1cbdcdcf4677ada87f63a0928099",
     "id":"ftjob-72a2792ef7d24ba7b82c7fe4a37e379f","created_at":1646126127,"object":"fine_tuning.job"}
    """
}
