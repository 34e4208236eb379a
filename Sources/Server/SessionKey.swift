/// The key a session is stored under, built in this one place.
///
/// Two kinds of session, told apart by their key: a session the client names (`session` in JSON,
/// `sender` in the Rasa channel) lives in its token's namespace, may span connections and is
/// journaled; a plain line-protocol session belongs to its connection, ends with it and is never
/// written to disk, so no later connection, after a restart or not, can ever continue it.
public enum SessionKey {
    /// A session the client names, in the namespace of its token.
    public static func named(_ id: String, namespace: String) -> String { namespace + "|json:" + id }

    /// The plain line protocol's session of connection `id`.
    public static func connection(_ id: String) -> String { connectionPrefix + id }

    /// Whether the session may outlive its connection (and so is journaled).
    public static func isDurable(_ key: String) -> Bool { !key.hasPrefix(connectionPrefix) }

    /// Named keys start with a namespace ("" or "t…") and "|json:", never with this.
    static let connectionPrefix = "line:"
}
