package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/isotp-dev/isotp/schema"
)

// referencedSchemas are the JSON Schemas of package schema that the OpenAPI
// description refers to ("$ref": "case.schema.json"). The server serves
// each beside the description, under /v1/, so that the references resolve
// against GET /v1/openapi.json as they do against schema/openapi.json in
// the repository.
var referencedSchemas = externalRefs(schema.OpenAPI)

// externalRefs returns the files the JSON document doc refers to, sorted.
func externalRefs(doc []byte) []string {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		panic("server: schema/openapi.json is not JSON: " + err.Error())
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if ref, ok := e.(string); ok && k == "$ref" && !strings.HasPrefix(ref, "#") {
					file, _, _ := strings.Cut(ref, "#")
					if !slices.Contains(out, file) {
						out = append(out, file)
					}
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	slices.Sort(out)
	return out
}

// serveOpenAPI answers GET /v1/openapi.json with schema/openapi.json.
func serveOpenAPI(w http.ResponseWriter, _ *http.Request, _ time.Time) {
	writeBody(w, http.StatusOK, "application/json", schema.OpenAPI)
}

// serveSchema answers GET /v1/<name> with the JSON Schema name.
func serveSchema(name string) func(http.ResponseWriter, *http.Request, time.Time) {
	data, err := schema.FS.ReadFile(name)
	if err != nil {
		panic("server: schema/openapi.json refers to " + name + ", which package schema does not hold")
	}
	data = bytes.Clone(data)
	return func(w http.ResponseWriter, _ *http.Request, _ time.Time) {
		writeBody(w, http.StatusOK, "application/schema+json", data)
	}
}
