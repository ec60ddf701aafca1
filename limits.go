package isotp

// Limits on what one input document may hold. The decoders enforce them
// while reading, so that no case can make a decision slow or exhaust memory:
// a document over any of them is an *InputError matching ErrTooLarge, naming
// the JSON path of the first value past the limit (offences[100]: more than
// 100 offences). Neither a long list nor a long string is held before it is
// refused. The rule engine takes them as the largest inputs an expression
// can see when it bounds the cost of a rule at load, and
// schema/case.schema.json and schema/referrals.schema.json state them as
// maxItems and maxLength.
//
// The limits are generous for real cases: the programme has 35 sessions, a
// man a handful of offences, and a case-management id a dozen characters.
const (
	// MaxCaseBytes is the size of one case file, or of one case of a
	// caseload, in bytes.
	MaxCaseBytes = 1 << 20

	MaxOffences     = 100  // offences
	MaxRequirements = 10   // order.requirements
	MaxSessions     = 500  // attendance.sessions: events, catch-ups and reschedules included
	MaxWarnings     = 100  // attendance.warnings
	MaxContacts     = 1000 // attendance.offender_manager_contacts
	MaxWorkItems    = 500  // attendance.between_session_work
	MaxScores       = 100  // the scales in one administration of the battery (assessment.pre.scores, assessment.post.scores)

	// MaxIDLen is the length in bytes of an id: offender.id, a referral's id.
	MaxIDLen = 100
	// MaxNameLen is the length in bytes of a name: an offence
	// (offences[].offence), an outcome code (attendance.sessions[].outcome),
	// a scale id (a key of scores), and any object key.
	MaxNameLen = 200
	// MaxTextLen is the length in bytes of free text: a session's reason.
	MaxTextLen = 1000

	// MaxIntakeBytes and MaxReferrals bound a groups intake file.
	MaxIntakeBytes = 8 << 20
	MaxReferrals   = 10000
)

// maxNumberLen is the length of a number as written in a document: a
// float64 needs 24 characters at most, and no program writes 100.
const maxNumberLen = 100

// maxStringLen is the longest string any field may hold. The tokenizer
// reads no more of a longer string than this and one byte: every field
// refuses it by its length.
const maxStringLen = max(MaxIDLen, MaxNameLen, MaxTextLen)
