/// FNV-1a over bytes, from a seed: the same input gives the same number in every process and on every
/// run (unlike `Hasher`), which is what session seeds and per-session wording choices need.
public enum StableHash {
    public static func fnv1a(_ bytes: some Sequence<UInt8>, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
