package rules_test

import (
	"testing/fstest"

	"github.com/isotp-dev/isotp"
)

func d(s string) isotp.Date {
	v, err := isotp.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}
