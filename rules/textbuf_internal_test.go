package rules

import "testing"

// TestTakeText checks that an activation's texts share its buffer, kept
// for later ones, and that a text evaluated while another is gets one of
// its own.
func TestTakeText(t *testing.T) {
	var a activation
	outer, own := a.takeText()
	if !own || a.text != outer {
		t.Fatalf("first text: own %v, buffer kept %v; want the activation's own", own, a.text == outer)
	}
	outer.add("outer ")
	outer.add("text")
	inner, own := a.takeText()
	if own || inner == outer {
		t.Fatalf("text within a text: own %v, same buffer %v; want one of its own", own, inner == outer)
	}
	inner.add("inner")
	a.giveText(inner, own)
	if got := outer.String(); got != "outer text" {
		t.Errorf("outer text after the inner one = %q, want %q", got, "outer text")
	}
	a.giveText(outer, true)
	again, own := a.takeText()
	if !own || again != outer || again.String() != "" {
		t.Errorf("next text: own %v, same buffer %v, text %q; want the kept buffer, empty", own, again == outer, again.String())
	}
	again.b = make([]byte, 0, mostTextKept+1)
	a.giveText(again, true)
	if a.text != nil || a.textBusy {
		t.Errorf("a buffer grown past %d bytes is kept", mostTextKept)
	}
}
