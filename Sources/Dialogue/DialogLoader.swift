import Retrieval

/// The edge between the disk and `DialogSet.parse`: finds `Dialogs/` the way Knowledge is found.
public enum DialogLoader {
    public static func load(explicit: String?, executablePath: String?) throws(KnowledgeLoader.LoadError)
        -> (dialogs: DialogSet, problems: [DialogError], directory: String) {
        let directory = try KnowledgeLoader.locate("Dialogs", explicit: explicit, executablePath: executablePath)
        let (dialogs, problems) = DialogSet.parse(try KnowledgeLoader.read(directory))
        return (dialogs, problems, directory)
    }
}
