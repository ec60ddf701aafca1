package pdf

import (
	"strings"
	"testing"

	"github.com/isotp-dev/isotp"
)

// TestStampDates: the printed moment gives way to the report's date, digit
// for digit, so the file's length and offsets stay as they were.
func TestStampDates(t *testing.T) {
	in := "%PDF-1.4\n<</Creator (Chromium)\n/CreationDate (D:20261201143121+00'00')\n/ModDate (D:20261201143121+00'00')>>\n/ID (node00000606)"
	want := "%PDF-1.4\n<</Creator (Chromium)\n/CreationDate (D:20260925000000+00'00')\n/ModDate (D:20260925000000+00'00')>>\n/ID (node00000606)"
	data := []byte(in)
	stampDates(data, isotp.NewDate(2026, 9, 25))
	if got := string(data); got != want {
		t.Errorf("stampDates:\n got %q\nwant %q", got, want)
	}
	other := []byte(strings.ReplaceAll(in, "CreationDate", "Title"))
	stampDates(other, isotp.NewDate(2026, 9, 25))
	if !strings.Contains(string(other), "/Title (D:20261201143121") {
		t.Error("stampDates changed a string that is not one of the document's dates")
	}
}
