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
}
