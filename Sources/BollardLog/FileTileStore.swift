#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `TileStore` in a directory laid out exactly as tlog-tiles serves it (`checkpoint`,
/// `tile/<L>/<N>[.p/<W>]`, `tile/entries/<N>[.p/<W>]`), so a static file server can publish the
/// log directly. The writer's private state lives under `sequencer/`.
///
/// Every write goes to a temporary file that is fsynced, then moved into place and the directory
/// fsynced, so a crash leaves either the old resource or the new one, never a torn one. Full
/// tiles and bundles are linked into place with link(2), which refuses to replace an existing
/// file, making immutability atomic rather than check-then-write.
///
/// The calls block the calling thread for the duration of the I/O; the writer issues them one
/// batch at a time.
public struct FileTileStore: TileStore {
    public let directory: String

    /// Creates the directory (and its parents) if needed.
    public init(directory: String) throws {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        try FileIO.makeDirectories(self.directory)
    }

    var journalDirectory: String { directory + "/sequencer/journal" }
    var treeHeadPath: String { directory + "/sequencer/tree-head" }

    public func readTile(_ id: TileID) async throws -> [UInt8]? {
        try FileIO.readFile(directory + "/" + id.path)
    }

    public func writeTile(_ id: TileID, _ bytes: [UInt8]) async throws {
        try FileIO.writeFile(directory + "/" + id.path, bytes, immutable: !id.isPartial)
    }

    public func readEntryBundle(_ id: EntryBundleID) async throws -> [UInt8]? {
        try FileIO.readFile(directory + "/" + id.path)
    }

    public func writeEntryBundle(_ id: EntryBundleID, _ bytes: [UInt8]) async throws {
        try FileIO.writeFile(directory + "/" + id.path, bytes, immutable: !id.isPartial)
    }

    public func readCheckpoint() async throws -> [UInt8]? {
        try FileIO.readFile(directory + "/checkpoint")
    }

    public func writeCheckpoint(_ note: [UInt8]) async throws {
        try FileIO.writeFile(directory + "/checkpoint", note, immutable: false)
    }

    public func readTreeHead() async throws -> TreeHead? {
        guard let bytes = try FileIO.readFile(treeHeadPath) else { return nil }
        return try TreeHead(decoding: bytes)
    }

    public func writeTreeHead(_ head: TreeHead) async throws {
        try FileIO.writeFile(treeHeadPath, head.encoded, immutable: false)
    }

    func journalPath(_ firstIndex: UInt64) -> String {
        let hex = String(firstIndex, radix: 16)
        return journalDirectory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + ".batch"
    }

    public func writeSequencedBatch(_ batch: SequencedBatch) async throws {
        try FileIO.writeFile(journalPath(batch.firstIndex), batch.encoded, immutable: false)
    }

    public func readSequencedBatches() async throws -> [SequencedBatch] {
        var out = [SequencedBatch]()
        for name in try FileIO.list(journalDirectory) where name.hasSuffix(".batch") && !name.hasPrefix(".") {
            let path = journalDirectory + "/" + name
            guard let bytes = try FileIO.readFile(path) else { continue }
            let batch = try SequencedBatch(decoding: bytes, name: path)
            guard journalPath(batch.firstIndex) == path else {
                throw LogError(.corruptJournal, "\(path) holds the batch starting at \(batch.firstIndex)")
            }
            out.append(batch)
        }
        return out.sorted { $0.firstIndex < $1.firstIndex }
    }

    public func deleteSequencedBatch(firstIndex: UInt64) async throws {
        try FileIO.removeFile(journalPath(firstIndex))
    }
}

/// The POSIX calls behind `FileTileStore`, each failure turned into a `LogError` naming the path.
enum FileIO {
    static func failure(_ what: String, _ path: String) -> LogError {
        let code = errno
        return LogError(.io, "\(what) \(path): \(String(cString: strerror(code))) (errno \(code))")
    }

    static func readFile(_ path: String) throws(LogError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw failure("open", path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("fstat", path) }
        var out = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < out.count {
            let n = out.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(fd, base + done, raw.count - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if n == 0 { break }
            done += n
        }
        if done < out.count { out.removeLast(out.count - done) }
        return out
    }

    /// Durably writes `bytes` at `path`: temp file, fsync, rename (or link when `immutable`),
    /// fsync of the directory.
    static func writeFile(_ path: String, _ bytes: [UInt8], immutable: Bool) throws(LogError) {
        let (parent, name) = split(path)
        try makeDirectories(parent)
        let temp = parent + "/.tmp-" + name + "-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create", temp) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(fd, base + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure("write", temp)
                close(fd)
                unlink(temp)
                throw error
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let error = failure("fsync", temp)
            close(fd)
            unlink(temp)
            throw error
        }
        close(fd)
        if immutable {
            if link(temp, path) != 0 {
                let code = errno
                let error = failure("link", path)
                unlink(temp)
                guard code == EEXIST else { throw error }
                guard try readFile(path) == bytes else {
                    throw LogError(.immutableResourceChanged, "\(path) already exists with different bytes")
                }
                // The existing file may come from a run that crashed before syncing its
                // directory; syncing again makes it durable now.
                try syncDirectory(parent)
                return
            }
            unlink(temp)
        } else {
            guard rename(temp, path) == 0 else {
                let error = failure("rename", path)
                unlink(temp)
                throw error
            }
        }
        try syncDirectory(parent)
    }

    static func removeFile(_ path: String) throws(LogError) {
        if unlink(path) != 0 {
            if errno == ENOENT { return }
            throw failure("unlink", path)
        }
        try syncDirectory(split(path).parent)
    }

    static func list(_ directory: String) throws(LogError) -> [String] {
        guard let dir = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw failure("opendir", directory)
        }
        defer { closedir(dir) }
        var out = [String]()
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    /// mkdir -p, fsyncing each parent a directory was created in, so the new directory entry
    /// survives a crash along with the files written into it.
    static func makeDirectories(_ path: String) throws(LogError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw LogError(.io, "\(path) exists and is not a directory")
            }
            return
        }
        let (parent, _) = split(path)
        if parent != path, !parent.isEmpty { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure("mkdir", path) }
        if !parent.isEmpty { try syncDirectory(parent) }
    }

    static func syncDirectory(_ path: String) throws(LogError) {
        let fd = open(path.isEmpty ? "/" : path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open directory", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync directory", path) }
    }

    static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
