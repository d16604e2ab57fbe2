public import Foundation

/// Writes a GGUF (version 3) file: metadata, then tensors (F32 or F16), aligned to 32 bytes.
public struct GGUFWriter {
    /// A tensor to write: ggml dimensions (fastest first) and its values.
    public struct Tensor {
        public var name: String
        public var dimensions: [Int]
        public var type: GGMLType
        public var values: [Float]

        public init(name: String, dimensions: [Int], type: GGMLType = .f32, values: [Float]) {
            self.name = name
            self.dimensions = dimensions
            self.type = type
            self.values = values
        }
    }

    public var metadata: [(key: String, value: GGUFFile.Value)] = []
    public var tensors: [Tensor] = []
    static let alignment = 32

    public init() {}

    public mutating func set(_ key: String, _ value: GGUFFile.Value) {
        metadata.removeAll { $0.key == key }
        metadata.append((key, value))
    }

    /// The file's bytes.
    public func encoded() -> Data {
        var out = Data()
        out.append(contentsOf: "GGUF".utf8)
        out.appendLittleEndian(UInt32(3))
        out.appendLittleEndian(UInt64(tensors.count))
        out.appendLittleEndian(UInt64(metadata.count))
        for (key, value) in metadata {
            out.appendString(key)
            out.appendLittleEndian(Self.typeCode(of: value))
            out.appendValue(value)
        }
        var offset = 0
        var offsets: [Int] = []
        for tensor in tensors {
            offsets.append(offset)
            offset += Self.padded(tensor.values.count * (tensor.type == .f32 ? 4 : 2))
        }
        for (tensor, offset) in zip(tensors, offsets) {
            out.appendString(tensor.name)
            out.appendLittleEndian(UInt32(tensor.dimensions.count))
            for dimension in tensor.dimensions { out.appendLittleEndian(UInt64(dimension)) }
            out.appendLittleEndian(tensor.type.rawValue)
            out.appendLittleEndian(UInt64(offset))
        }
        out.append(Data(count: Self.padded(out.count) - out.count))
        for tensor in tensors {
            let start = out.count
            if tensor.type == .f32 {
                for value in tensor.values { out.appendLittleEndian(value.bitPattern) }
            } else {
                for value in tensor.values { out.appendLittleEndian(Float16(value).bitPattern) }
            }
            out.append(Data(count: Self.padded(out.count - start) - (out.count - start)))
        }
        return out
    }

    /// Writes the file atomically.
    public func write(to url: URL) throws {
        try encoded().write(to: url, options: .atomic)
    }

    static func padded(_ size: Int) -> Int { (size + alignment - 1) / alignment * alignment }

    static func typeCode(of value: GGUFFile.Value) -> UInt32 {
        switch value {
        case .unsigned: 10
        case .signed: 11
        case .float: 6
        case .bool: 7
        case .string: 8
        case .array: 9
        }
    }
}

extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func appendString(_ text: String) {
        appendLittleEndian(UInt64(text.utf8.count))
        append(contentsOf: text.utf8)
    }

    mutating func appendValue(_ value: GGUFFile.Value) {
        switch value {
        case .unsigned(let number): appendLittleEndian(number)
        case .signed(let number): appendLittleEndian(number)
        case .float(let number): appendLittleEndian(Float(number).bitPattern)
        case .bool(let flag): appendLittleEndian(UInt8(flag ? 1 : 0))
        case .string(let text): appendString(text)
        case .array(let values):
            appendLittleEndian(values.first.map(GGUFWriter.typeCode) ?? 8)
            appendLittleEndian(UInt64(values.count))
            for element in values { appendValue(element) }
        }
    }
}
