#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}

/// The local ledger in one append-only file of `LedgerFrame`s. Each append is written with
/// O_APPEND and fsynced before it returns; the file's creation is made durable by fsyncing its
/// directory. On open, a torn last frame (a crash mid-append) is truncated away and reported in
/// `recoveredTornBytes`; any other damage is refused with `corruptStore`. The file is locked
/// (flock) for as long as the store is open.
public actor FileLedgerStore: LedgerStore {
    public nonisolated let path: String
    /// Bytes of a torn final frame removed when the store was opened (0 if none).
    public nonisolated let recoveredTornBytes: Int
    private let fd: Int32
    private var records: [[UInt8]]
    /// Bytes of complete, durable frames: where the next frame starts.
    private var length: Int
    /// Set when a failed append could not be rolled back; the store must be reopened.
    private var broken: LedgerError?

    private init(path: String, fd: Int32, records: [[UInt8]], length: Int, recoveredTornBytes: Int) {
        self.path = path
        self.fd = fd
        self.records = records
        self.length = length
        self.recoveredTornBytes = recoveredTornBytes
    }

    deinit { close(fd) }

    /// With `create` false a missing file is an `.io` error rather than a new, empty ledger.
    public static func open(path: String, create: Bool = true) throws(LedgerError) -> FileLedgerStore {
        let existed = access(path, F_OK) == 0
        let fd = openFile(path, O_RDWR | (create ? O_CREAT : 0) | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("open", path) }
        do throws(LedgerError) {
            // One writer per ledger file: a second process appending would fork the chain.
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw failure("lock (another process has the ledger open)", path) }
            if !existed { try syncDirectory(of: path) }
            let bytes = try readAll(fd: fd, path: path)
            switch try LedgerFrame.scan(bytes) {
            case .complete(let records, let validLength):
                return FileLedgerStore(path: path, fd: fd, records: records, length: validLength, recoveredTornBytes: 0)
            case .tornTail(let records, let validLength):
                guard ftruncate(fd, off_t(validLength)) == 0 else { throw failure("ftruncate", path) }
                guard fsync(fd) == 0 else { throw failure("fsync", path) }
                return FileLedgerStore(path: path, fd: fd, records: records, length: validLength,
                                       recoveredTornBytes: bytes.count - validLength)
            }
        } catch {
            close(fd)
            throw error
        }
    }

    public func readAll() async throws -> [[UInt8]] { records }

    /// A failed write or fsync is rolled back (the file truncated to its last complete frame),
    /// so a later append never lands after a partial frame.
    public func append(_ record: [UInt8]) async throws {
        if let broken { throw broken }
        let frame = LedgerFrame.encode(record)
        do throws(LedgerError) {
            try writeAll(frame)
            guard fsync(fd) == 0 else { throw Self.failure("fsync", path) }
        } catch {
            if ftruncate(fd, off_t(length)) != 0 || fsync(fd) != 0 {
                broken = LedgerError(.io, "reopen the ledger: a failed append could not be rolled back (\(error.context))")
            }
            throw error
        }
        length += frame.count
        records.append(record)
    }

    private func writeAll(_ frame: [UInt8]) throws(LedgerError) {
        var written = 0
        while written < frame.count {
            let n = frame.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + written }, frame.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.failure("write", path)
            }
            written += n
        }
    }

    private static func readAll(fd: Int32, path: String) throws(LedgerError) -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
            offset += off_t(n)
        }
    }

    private static func syncDirectory(of path: String) throws(LedgerError) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let dfd = openFile(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard dfd >= 0 else { throw failure("open directory", directory) }
        defer { close(dfd) }
        guard fsync(dfd) == 0 else { throw failure("fsync directory", directory) }
    }

    private static func failure(_ what: String, _ path: String) -> LedgerError {
        LedgerError(.io, "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
