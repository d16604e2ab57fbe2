/// One call of a scenario: the operation, its inputs and what its result must be.
public struct ScenarioStep: Codable, Sendable, Hashable {
    public var operation: ScenarioOperation
    public var inputs: StepInputs
    public var expect: StepExpectation

    public init(operation: ScenarioOperation, inputs: StepInputs = StepInputs(), expect: StepExpectation = StepExpectation()) {
        self.operation = operation
        self.inputs = inputs
        self.expect = expect
    }

    enum CodingKeys: String, CodingKey {
        case operation, inputs, expect
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        operation = try container.decode(ScenarioOperation.self, forKey: .operation)
        inputs = try container.decodeIfPresent(StepInputs.self, forKey: .inputs) ?? StepInputs()
        expect = try container.decodeIfPresent(StepExpectation.self, forKey: .expect) ?? StepExpectation()
    }
}
