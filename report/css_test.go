package report

import "testing"

// TestCSSString checks the running footer's text as it goes into the style
// sheet: nothing in an offender id can end the CSS string or the style
// element.
func TestCSSString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SAMPLE-2, 25 September 2026\nPolicy sha256:9481395e071e", `"SAMPLE-2, 25 September 2026\00000aPolicy sha256:9481395e071e"`},
		{`x"; } body { display: none } </style><script>`, `"x\000022\00003b \00007d body \00007b display: none \00007d \00003c\00002fstyle\00003e\00003cscript\00003e"`},
		{`back\slash 'quote' é`, `"back\00005cslash \000027quote\000027 \0000e9"`},
	}
	for _, tt := range tests {
		if got := string(cssString(tt.in)); got != tt.want {
			t.Errorf("cssString(%q)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
