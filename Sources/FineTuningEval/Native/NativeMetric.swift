import CFFI
import FineTuning
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// A metric computed by a function of a native library, called through libffi with the signature
/// its declaration gives (the library and the symbol are resolved with dlopen/dlsym when it is made,
/// so a missing library or symbol is reported before any model is asked anything).
///
/// Calls are serialized by the caller (`EvalRunner` scores one example at a time); the function
/// must not keep the string pointers after it returns.
public final class NativeMetric: @unchecked Sendable {
    public let declaration: NativeDeclaration
    private let handle: UnsafeMutableRawPointer
    private let function: UnsafeMutableRawPointer
    private let cif: UnsafeMutablePointer<ffi_cif>
    private let argumentTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>

    public init(_ declaration: NativeDeclaration) throws {
        self.declaration = declaration
        guard let handle = dlopen(declaration.library, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw FineTuningError(.invalidRequest, "--metric '\(declaration.text)': cannot load the library '\(declaration.library)': \(reason)", parameter: "metric")
        }
        _ = dlerror()
        guard let function = dlsym(handle, declaration.symbol) else {
            dlclose(handle)
            throw FineTuningError(.invalidRequest, "--metric '\(declaration.text)': the library '\(declaration.library)' has no symbol '\(declaration.symbol)'", parameter: "metric")
        }
        let count = declaration.parameters.count
        argumentTypes = .allocate(capacity: max(1, count))
        for (index, parameter) in declaration.parameters.enumerated() { argumentTypes[index] = Self.ffiType(parameter.type) }
        cif = .allocate(capacity: 1)
        let status = ffi_prep_cif(cif, FFI_DEFAULT_ABI, UInt32(count), Self.ffiType(declaration.result), argumentTypes)
        guard status == FFI_OK else {
            cif.deallocate()
            argumentTypes.deallocate()
            dlclose(handle)
            throw FineTuningError(.invalidRequest, "--metric '\(declaration.text)': libffi cannot prepare this signature (status \(status.rawValue))", parameter: "metric")
        }
        self.handle = handle
        self.function = function
    }

    deinit {
        cif.deallocate()
        argumentTypes.deallocate()
        dlclose(handle)
    }

    /// The function's value for one answer and its reference.
    public func score(answer: String, reference: String) -> Double {
        var texts = [answer, reference].makeIterator()
        // One 8-byte slot per argument (every supported type fits), plus the C strings they point to.
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, declaration.parameters.count))
        let values = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: max(1, declaration.parameters.count))
        var strings: [UnsafeMutablePointer<CChar>] = []
        defer {
            strings.forEach { free($0) }
            slots.deallocate()
            values.deallocate()
        }
        for (index, parameter) in declaration.parameters.enumerated() {
            let slot = UnsafeMutableRawPointer(slots + index)
            values[index] = slot
            switch parameter.constant {
            case nil:
                let copy = strdup(texts.next()!)!
                strings.append(copy)
                slot.storeBytes(of: UnsafePointer(copy), as: UnsafePointer<CChar>.self)
            case .string(let text):
                let copy = strdup(text)!
                strings.append(copy)
                slot.storeBytes(of: UnsafePointer(copy), as: UnsafePointer<CChar>.self)
            case .integer(let value):
                if parameter.type == .int32 { slot.storeBytes(of: Int32(value), as: Int32.self) } else { slot.storeBytes(of: value, as: Int64.self) }
            case .unsigned(let value):
                slot.storeBytes(of: UInt(value), as: UInt.self)
            case .real(let value):
                if parameter.type == .float { slot.storeBytes(of: Float(value), as: Float.self) } else { slot.storeBytes(of: value, as: Double.self) }
            case .bool(let value):
                slot.storeBytes(of: value, as: Bool.self)
            }
        }
        // libffi widens integer results narrower than a register to ffi_arg.
        var result: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &result) { buffer in
            ffi_call(cif, unsafeBitCast(function, to: (@convention(c) () -> Void).self), buffer.baseAddress, values)
        }
        return withUnsafeBytes(of: &result) { buffer in
            switch declaration.result {
            case .double: return buffer.load(as: Double.self)
            case .float: return Double(buffer.load(as: Float.self))
            case .int32: return Double(Int32(truncatingIfNeeded: buffer.load(as: Int64.self)))
            case .int64: return Double(buffer.load(as: Int64.self))
            case .size: return Double(buffer.load(as: UInt64.self))
            case .bool: return buffer.load(as: UInt8.self) != 0 ? 1 : 0
            case .string: return .nan
            }
        }
    }

    private static func ffiType(_ type: NativeType) -> UnsafeMutablePointer<ffi_type> {
        switch type {
        case .string: return cffi_type_pointer()
        case .int32: return cffi_type_sint32()
        case .int64: return cffi_type_sint64()
        case .size: return cffi_type_uint64()
        case .float: return cffi_type_float()
        case .double: return cffi_type_double()
        case .bool: return cffi_type_uint8()
        }
    }
}
