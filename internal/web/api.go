package web

import "net/http"

// apiOp is one operation of the JSON API with who may call it; the
// authorisation test walks these beside routeTable.
type apiOp struct {
	Method string
	Path   string // Go 1.22 pattern path, e.g. /api/v1/tables/{id}
	Access access
}

// apiOperations lists every API operation (filled in as the API grows).
func (s *Server) apiOperations() []apiOp { return nil }

// mountAPI registers the JSON API under /api/v1.
func (s *Server) mountAPI(mux *http.ServeMux) error {
	return nil
}
