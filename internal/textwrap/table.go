package textwrap

import "strings"

// Table lays out rows of cells in columns two spaces apart, each line
// starting with indent and ending without trailing spaces, and returns the
// lines. A column is as wide as its widest cell; when the lines would be
// wider than width, the cells of column fill (an index into each row) are
// filled, as Wrap fills text, to the width that is left, and the lines of a
// cell after its first are indented under its column, the other cells of
// the row left blank there. The fill column is never made narrower than
// minFill (6) columns, so a table too wide for that stays wide. Cells are
// marked as Visible marks them; a row may have fewer cells than others.
func Table(indent string, width, fill int, rows [][]string) string {
	const gap, minFill = 2, 6
	var widths []int
	cells := make([][]string, len(rows))
	for i, row := range rows {
		cells[i] = make([]string, len(row))
		for j, c := range row {
			c = Visible(c)
			cells[i][j] = c
			if j == len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], Width(c))
		}
	}
	total := Width(indent) + gap*(len(widths)-1)
	for _, w := range widths {
		total += w
	}
	if fill >= 0 && fill < len(widths) && total > width {
		widths[fill] = max(minFill, widths[fill]-(total-width))
	}
	var b strings.Builder
	for _, row := range cells {
		// The lines of each cell: only the fill column's may be several.
		lines := make([][]string, len(row))
		n := 1
		for j, c := range row {
			lines[j] = []string{c}
			if j == fill && Width(c) > widths[j] {
				lines[j] = strings.Split(strings.TrimSuffix(Wrap(c, widths[j], ""), "\n"), "\n")
			}
			n = max(n, len(lines[j]))
		}
		for k := range n {
			line := indent
			for j := range row {
				cell := ""
				if k < len(lines[j]) {
					cell = lines[j][k]
				}
				if j > 0 {
					line += strings.Repeat(" ", gap)
				}
				line += Pad(cell, widths[j])
			}
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
	}
	return b.String()
}
