package isotp

// MaxNumberLen is the longest number a document may write.
const MaxNumberLen = maxNumberLen

// Broken reports whether e is about the JSON itself, which is broken or
// could not be read, rather than about the document's format.
func Broken(e *InputError) bool { return e.broken }
