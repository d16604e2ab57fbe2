import FineTuning
import Foundation

/// A GGUF model or adapter file read far enough to check it and to reach its tensors: the metadata,
/// the tensor directory and the data section, memory-mapped. Any structural problem (wrong magic,
/// truncated header, tensor data past the end of the file) is a clear `invalidRequest` error.
public struct GGUFFile: Sendable {
    /// A metadata value.
    public enum Value: Sendable, Hashable {
        case unsigned(UInt64)
        case signed(Int64)
        case float(Double)
        case bool(Bool)
        case string(String)
        case array([Value])

        public var stringValue: String? { if case .string(let text) = self { text } else { nil } }
        public var intValue: Int? {
            switch self {
            case .unsigned(let value): Int(exactly: value)
            case .signed(let value): Int(exactly: value)
            default: nil
            }
        }
    }

    /// One entry of the tensor directory.
    public struct TensorInfo: Sendable, Hashable {
        public var name: String
        /// ggml's `ne`: the fastest-varying dimension first (a matrix is [inputs, outputs]).
        public var dimensions: [Int]
        public var type: GGMLType
        /// Offset in the data section.
        public var offset: Int

        public var elementCount: Int { dimensions.reduce(1, *) }
    }

    public let path: String
    public let version: UInt32
    /// Metadata in file order.
    public let metadata: [(key: String, value: Value)]
    public let tensors: [TensorInfo]
    let data: Data
    let dataOffset: Int
    /// Where each metadata entry (key, type, value) and the tensor directory lie in the file, for copying them unchanged.
    let metadataBytes: [Range<Int>]
    let tensorInfoBytes: Range<Int>
    let alignment: Int

    /// Reads `path`; a missing file is `notFound`, anything that is not a well-formed GGUF file is `invalidRequest`.
    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FineTuningError(.notFound, "model file '\(path)' does not exist", provider: "llamacpp", parameter: "model")
        }
        guard !isDirectory.boolValue else {
            throw FineTuningError(.invalidRequest, "model '\(path)' is a directory, expected a .gguf file", provider: "llamacpp", parameter: "model")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            var failure = FineTuningError.fileSystem(error, path: path, action: "read the model file", parameter: "model")
            failure.provider = "llamacpp"
            throw failure
        }
        var reader = GGUFReader(data: data, path: path)
        guard data.count >= 4, data.prefix(4).elementsEqual("GGUF".utf8) else {
            throw FineTuningError(.invalidRequest, "'\(path)' is not a GGUF file (it does not start with the GGUF magic)", provider: "llamacpp", parameter: "model")
        }
        reader.position = 4
        version = try reader.uint32()
        guard version == 2 || version == 3 else {
            throw reader.corrupt("GGUF version \(version) is not supported (2 or 3)")
        }
        let tensorCount = try reader.count()
        let metadataCount = try reader.count()
        var metadata: [(key: String, value: Value)] = []
        var metadataBytes: [Range<Int>] = []
        for _ in 0..<metadataCount {
            let start = reader.position
            let key = try reader.string()
            metadata.append((key, try reader.value(type: try reader.uint32())))
            metadataBytes.append(start..<reader.position)
        }
        let tensorInfoStart = reader.position
        var tensors: [TensorInfo] = []
        for _ in 0..<tensorCount {
            let name = try reader.string()
            let dimensionCount = try reader.uint32()
            guard dimensionCount <= 4 else { throw reader.corrupt("tensor '\(name)' has \(dimensionCount) dimensions") }
            let dimensions = try (0..<dimensionCount).map { _ in try reader.count() }
            let type = GGMLType(rawValue: try reader.uint32())
            let offset = try reader.count()
            tensors.append(TensorInfo(name: name, dimensions: dimensions, type: type, offset: offset))
        }
        let tensorInfoBytes = tensorInfoStart..<reader.position
        let alignment = metadata.first { $0.key == "general.alignment" }?.value.intValue ?? 32
        let dataOffset = (reader.position + alignment - 1) / alignment * alignment
        for tensor in tensors {
            guard let size = tensor.type.byteCount(elements: tensor.elementCount) else { continue }
            guard dataOffset + tensor.offset + size <= data.count else {
                throw reader.corrupt("tensor '\(tensor.name)' ends at byte \(dataOffset + tensor.offset + size), after the end of the file (\(data.count) bytes): the file is truncated")
            }
        }
        self.metadata = metadata
        self.metadataBytes = metadataBytes
        self.tensorInfoBytes = tensorInfoBytes
        self.alignment = alignment
        self.tensors = tensors
        self.data = data
        self.dataOffset = dataOffset
    }

    /// The metadata value for `key`.
    public subscript(key: String) -> Value? {
        metadata.first { $0.key == key }?.value
    }

    /// `general.architecture`.
    public var architecture: String? { self["general.architecture"]?.stringValue }

    /// The tensor called `name`.
    public func tensor(named name: String) -> TensorInfo? {
        tensors.first { $0.name == name }
    }

    /// The values of an F32 tensor.
    public func floats(of tensor: TensorInfo) throws -> [Float] {
        guard tensor.type == .f32 else {
            throw FineTuningError(.invalidRequest, "tensor '\(tensor.name)' in '\(path)' is \(tensor.type), not F32", provider: "llamacpp")
        }
        let start = dataOffset + tensor.offset
        return data.withUnsafeBytes { raw in
            Array(UnsafeRawBufferPointer(rebasing: raw[start..<(start + tensor.elementCount * 4)]).bindMemory(to: Float.self))
        }
    }
}

/// A ggml tensor type, by its number in the GGUF file.
public struct GGMLType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let f32 = GGMLType(rawValue: 0)
    public static let f16 = GGMLType(rawValue: 1)
    public static let bf16 = GGMLType(rawValue: 30)

    /// Bytes used by `elements` values, for the unquantized types (nil for block-quantized ones).
    func byteCount(elements: Int) -> Int? {
        switch self {
        case .f32: elements * 4
        case .f16, .bf16: elements * 2
        default: nil
        }
    }

    public var description: String {
        Self.names[rawValue] ?? "ggml type \(rawValue) (quantized)"
    }

    /// ggml's names of its types (ggml.h `enum ggml_type`).
    static let names: [UInt32: String] = [
        0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1", 10: "Q2_K", 11: "Q3_K",
        12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K", 16: "IQ2_XXS", 17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S",
        20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S", 23: "IQ4_XS", 29: "IQ1_M", 30: "BF16", 34: "TQ1_0", 35: "TQ2_0",
    ]
}

/// Sequential little-endian reads over a GGUF file's bytes, failing with the file named.
private struct GGUFReader {
    let data: Data
    let path: String
    var position = 0

    init(data: Data, path: String) {
        self.data = data
        self.path = path
    }

    func corrupt(_ reason: String) -> FineTuningError {
        FineTuningError(.invalidRequest, "'\(path)' is not a valid GGUF file: \(reason)", provider: "llamacpp", parameter: "model")
    }

    mutating func bytes(_ count: Int) throws -> Data {
        guard count >= 0, position + count <= data.count else {
            throw corrupt("it ends in the middle of its header (byte \(position), \(data.count) bytes in all); the file is truncated or corrupted")
        }
        defer { position += count }
        return data[data.startIndex + position ..< data.startIndex + position + count]
    }

    mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let bytes = try bytes(MemoryLayout<T>.size)
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
    }

    mutating func uint32() throws -> UInt32 { try integer(UInt32.self) }

    /// A 64-bit count or size, refused when implausibly large (a corrupted header).
    mutating func count() throws -> Int {
        let value = try integer(UInt64.self)
        guard value < UInt64(data.count) * 8 + 1 << 20 else { throw corrupt("a count of \(value) at byte \(position - 8) is impossible for this file") }
        return Int(value)
    }

    mutating func string() throws -> String {
        let length = try count()
        return String(decoding: try bytes(length), as: UTF8.self)
    }

    mutating func value(type: UInt32) throws -> GGUFFile.Value {
        switch type {
        case 0: return .unsigned(UInt64(try integer(UInt8.self)))
        case 1: return .signed(Int64(try integer(Int8.self)))
        case 2: return .unsigned(UInt64(try integer(UInt16.self)))
        case 3: return .signed(Int64(try integer(Int16.self)))
        case 4: return .unsigned(UInt64(try integer(UInt32.self)))
        case 5: return .signed(Int64(try integer(Int32.self)))
        case 6: return .float(Double(Float(bitPattern: try integer(UInt32.self))))
        case 7: return .bool(try integer(UInt8.self) != 0)
        case 8: return .string(try string())
        case 9:
            let elementType = try uint32()
            let count = try count()
            return .array(try (0..<count).map { _ in try value(type: elementType) })
        case 10: return .unsigned(try integer(UInt64.self))
        case 11: return .signed(try integer(Int64.self))
        case 12: return .float(Double(bitPattern: try integer(UInt64.self)))
        default: throw corrupt("unknown metadata value type \(type) at byte \(position - 4)")
        }
    }
}
