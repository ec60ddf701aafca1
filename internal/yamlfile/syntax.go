package yamlfile

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
)

// The YAML parser's errors name a line at most, and not always the right
// one: it prints the line where the construct it was reading began when it
// knows one, counts from 0 for errors found by the parser (as opposed to
// the scanner), and leaves the line out when the count is 0. yamlError
// recovers the line and finds the column: exactly, for the mistakes people
// make (a tab in the indentation, a bad escape in double-quoted text, a
// second ": " on a line, an unclosed quote), and at the start of the named
// line otherwise.

var yamlMsg = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// parserProblems are the parser's own messages, whose line numbers count
// from 0.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlError reports a YAML parser's error at the line and column it is
// about.
func (f *File) yamlError(r Reporter, err error) {
	m := yamlMsg.FindStringSubmatch(err.Error())
	if m == nil {
		f.errorAt(r, "yaml.syntax", 0, "invalid YAML: %s", err)
		return
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[2]
	if parserProblems[msg] || line == 0 {
		line++
	}
	// The parser counts lines as nodeStarts does; the rest of the file's
	// readers, and this package's reports, as lineStarts does.
	if starts := f.nodeStarts; starts != nil {
		line = f.offsetLine(starts[min(line, len(starts))-1])
	}
	line = min(line, len(f.lineStarts))
	if off, what, ok := f.locate(msg, line); ok {
		f.errorAt(r, "yaml.syntax", off, "invalid YAML: %s", what)
		return
	}
	f.errorAt(r, "yaml.syntax", f.lineStart(line), "%s: %s", f.format.SyntaxError, msg)
}

// lineStart returns the offset of the first character on line n that is
// not blank; for a blank last line (where the file ends while something
// was still open), the end of the last line that is not blank.
func (f *File) lineStart(n int) int {
	start := f.lineStarts[n-1]
	text := f.Line(n)
	if strings.TrimSpace(text) != "" {
		return start + len(text) - len(strings.TrimLeft(text, " \t"))
	}
	for n > 1 && strings.TrimSpace(f.Line(n)) == "" {
		n--
	}
	if n < 1 || strings.TrimSpace(f.Line(n)) == "" {
		return start
	}
	return f.lineStarts[n-1] + len(strings.TrimRight(f.Line(n), " \t"))
}

// locate finds where the parser's problem msg, reported at line, lies: the
// byte offset and a plainer description. ok is false when it does not know
// the problem or cannot find it.
func (f *File) locate(msg string, line int) (off int, what string, ok bool) {
	from := f.lineStarts[line-1]
	switch msg {
	case "found a tab character that violates indentation",
		"found a tab character where an indentation space is expected":
		if off := f.indentTab(from); off >= 0 {
			return off, "a tab in the indentation; YAML indents with spaces", true
		}
	case "found character that cannot start any token":
		if off := f.indentTab(from); off >= 0 && f.offsetLine(off) <= line+1 {
			return off, "a tab in the indentation; YAML indents with spaces", true
		}
		if off := f.tokenStart(from, "@`"); off >= 0 {
			return off, strconv.QuoteRune(rune(f.src[off])) + " cannot start a value; put the text in quotes", true
		}
	case "found unknown escape character", "did not find expected hexdecimal number",
		"found invalid Unicode character escape code":
		if off, what := f.badEscape(from); off >= 0 {
			return off, what, true
		}
	case "found unexpected end of stream":
		// The line is the quote's, or the last when the quote is on line 1.
		for _, l := range []int{line, 1} {
			if off := f.unclosedQuote(l); off >= 0 {
				return off, "this quoted text is not closed before the file ends", true
			}
		}
	case "did not find expected alphabetic or numeric character":
		if off := f.tokenStart(from, "*&"); off >= 0 {
			return off, strconv.QuoteRune(rune(f.src[off])) + " must be followed by a name; put text starting with it in quotes", true
		}
	case "found undefined tag handle", "did not find the expected '>'", "did not find expected '!'",
		"did not find expected tag URI", "did not find URI escaped octet":
		if off := f.tokenStart(from, "!"); off >= 0 {
			return off, "a YAML tag (!name) that is not known; put text starting with ! in quotes", true
		}
	case "did not find expected ',' or ']'", "did not find expected ',' or '}'":
		open, what := byte('['), "this list is not closed: want ',' or ']' after each item"
		if msg[len(msg)-2] == '}' {
			open, what = '{', "this mapping is not closed: want ',' or '}' after each entry"
		}
		for l := line; l >= 1; l-- {
			if off := f.openBracket(l, open); off >= 0 {
				return off, what, true
			}
		}
	case "mapping values are not allowed in this context":
		if off, second := f.secondColon(line); off >= 0 && second {
			return off, `a second ": " on the line would start a mapping inside a value; put the value in quotes`, true
		} else if off >= 0 {
			return off, `": " here would start a mapping inside the value above; check the indentation of this line`, true
		}
	}
	if strings.HasPrefix(msg, "unknown anchor ") {
		if off := f.tokenStart(0, "*"); off >= 0 {
			return off, "an alias (*name) with no anchor (&name) before it; write the value out", true
		}
	}
	return 0, "", false
}

// offsetLine returns the line that byte offset off is on.
func (f *File) offsetLine(off int) int {
	line, _ := f.offsetPos(off)
	return line
}

// indentTab returns the offset of the first tab at or after offset from
// that has only spaces and tabs before it on its line, or -1.
func (f *File) indentTab(from int) int {
	for i := from; i < len(f.src); i++ {
		if f.src[i] != '\t' {
			continue
		}
		start := bytes.LastIndexAny(f.src[:i], "\n\r") + 1
		if len(bytes.Trim(f.src[start:i], " \t")) == 0 {
			return i
		}
	}
	return -1
}

// tokenStart returns the offset of the first of chars at or after offset
// from that starts a token (it follows white space, a line start, or a flow
// indicator) outside a comment, or -1.
func (f *File) tokenStart(from int, chars string) int {
	comment := false
	for i := from; i < len(f.src); i++ {
		b := f.src[i]
		starts := tokenChar(f.src, i)
		switch {
		case b == '\n':
			comment = false
		case comment:
		case b == '#' && starts:
			comment = true
		case starts && strings.IndexByte(chars, b) >= 0:
			return i
		}
	}
	return -1
}

// tokenChar reports whether src[i] may start a token: it follows white
// space, a flow indicator or ':', or starts the file.
func tokenChar(src []byte, i int) bool {
	return i == 0 || strings.IndexByte(" \t\n\r[{,:", src[i-1]) >= 0
}

// quotedEnd returns the offset of the quote that closes the quoted text
// opening at offset open, or len(src) when the file ends first.
func (f *File) quotedEnd(open int) int {
	q := f.src[open]
	for i := open + 1; i < len(f.src); i++ {
		switch {
		case q == '"' && f.src[i] == '\\':
			i++
		case f.src[i] == q && q == '\'' && i+1 < len(f.src) && f.src[i+1] == '\'':
			i++ // '' is a quote in single-quoted text
		case f.src[i] == q:
			return i
		}
	}
	return len(f.src)
}

// unclosedQuote returns the offset of a quote starting a token on line
// that is not closed before the file ends, or -1.
func (f *File) unclosedQuote(line int) int {
	start, end := f.lineStarts[line-1], f.lineStarts[line-1]+len(f.Line(line))
	for i := start; i < end; i++ {
		if (f.src[i] == '"' || f.src[i] == '\'') && tokenChar(f.src, i) {
			if e := f.quotedEnd(i); e == len(f.src) {
				return i
			} else {
				i = e
			}
		}
	}
	return -1
}

// badEscape returns the offset of the first backslash at or after offset
// from, in double-quoted text, that starts an escape YAML does not have,
// and what is wrong with it; -1 when there is none.
func (f *File) badEscape(from int) (int, string) {
	in := false // in double-quoted text
	for i := from; i < len(f.src); i++ {
		switch b := f.src[i]; {
		case !in && b == '\'' && tokenChar(f.src, i):
			i = f.quotedEnd(i) // single-quoted text holds no escapes
		case !in && b == '#' && (i == 0 || f.src[i-1] == ' ' || f.src[i-1] == '\t' || f.src[i-1] == '\n'):
			for i < len(f.src) && f.src[i] != '\n' {
				i++
			}
		case b == '"' && (in || tokenChar(f.src, i)):
			in = !in
		case in && b == '\\' && i+1 < len(f.src):
			c := f.src[i+1]
			digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[c]
			switch {
			case digits > 0:
				for k := range digits {
					if i+2+k >= len(f.src) || !isHex(f.src[i+2+k]) {
						return i, `\` + string(c) + " in double-quoted text must be followed by " + strconv.Itoa(digits) + " hex digits"
					}
				}
				i += 1 + digits
			case strings.IndexByte("0abt\tnvfre \"/\\N_LP\n\r", c) >= 0:
				i++
			default:
				return i, "unknown escape in double-quoted text; write \\\\ for a backslash, or put the text in single quotes"
			}
		}
	}
	return -1, ""
}

func isHex(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F'
}

// openBracket returns the offset of a bracket open (one of [ and {) on
// line, outside quotes and comments, that the line does not close: the one
// a mismatched closer finds open, or else the innermost left open at the
// end of the line; -1 when there is none.
func (f *File) openBracket(line int, open byte) int {
	start := f.lineStarts[line-1]
	text := f.Line(line)
	var stack []int // offsets in text of the brackets open
	for i := 0; i < len(text); i++ {
		switch b := text[i]; {
		case (b == '"' || b == '\'') && (i == 0 || strings.IndexByte(" \t[{,:", text[i-1]) >= 0):
			for i++; i < len(text) && text[i] != b; i++ {
				if b == '"' && text[i] == '\\' {
					i++
				}
			}
		case b == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			i = len(text)
		case b == '[' || b == '{':
			stack = append(stack, i)
		case b == ']' || b == '}':
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			if text[top] == b-2 { // '[' is ']'-2, '{' is '}'-2
				stack = stack[:len(stack)-1]
			} else if text[top] == open {
				return start + top
			}
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if text[stack[i]] == open {
			return start + stack[i]
		}
	}
	return -1
}

// secondColon returns the offset of the ": " on line that the parser
// refuses as a mapping value, and whether it is the second on the line: the
// second when there are two or more (a: b: c), else the first (a value
// continued on an indented line, then a key); -1 when the line has none
// outside quotes and comments.
func (f *File) secondColon(line int) (int, bool) {
	start := f.lineStarts[line-1]
	text := f.Line(line)
	var colons []int
	var quote byte
	for i := 0; i < len(text); i++ {
		b := text[i]
		switch {
		case quote != 0:
			if b == quote {
				quote = 0
			} else if quote == '"' && b == '\\' {
				i++
			}
		case (b == '"' || b == '\'') && (i == 0 || strings.IndexByte(" \t[{,:", text[i-1]) >= 0):
			quote = b
		case b == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			i = len(text)
		case b == ':' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\t'):
			colons = append(colons, start+i)
		}
	}
	switch len(colons) {
	case 0:
		return -1, false
	case 1:
		return colons[0], false
	}
	return colons[1], true
}
