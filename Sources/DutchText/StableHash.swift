/// FNV-1a over bytes, from a seed: the same input gives the same number in every process and on every
/// run (unlike `Hasher`), which is what session seeds and per-session wording choices need.
public enum StableHash {
    @inlinable
    public static func fnv1a(_ bytes: some Sequence<UInt8>, seed: UInt64) -> UInt64 {
        continuing(0xcbf2_9ce4_8422_2325 ^ seed, with: bytes)
    }

    /// The hash of what `hash` covered followed by `bytes`, so a joined key needs no joined copy.
    @inlinable
    public static func continuing(_ hash: UInt64, with bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    /// One byte more.
    @inlinable
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// A hash of many bytes, eight at a step: for checksums and fingerprints of whole files, where
    /// FNV's byte at a time would cost milliseconds.
    public static func words(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed ^ UInt64(bytes.count)
        let words = bytes.count / 8
        for word in 0..<words {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            hash ^= hash >> 29
        }
        for byte in bytes[(words * 8)...] { hash = step(hash, byte) }
        return hash
    }
}
