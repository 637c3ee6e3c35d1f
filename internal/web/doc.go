// Package web is jixiao's HTTP application: server-rendered pages in
// Chinese (html/template, our own small CSS and JS, all embedded), the JSON
// API under /api/v1 with its OpenAPI document, sessions and tokens, the
// workflow and the audit trail as users see them.
//
// Every route is listed in routes.go with the roles that may use it; a
// test walks every route with every role. Handlers are thin: they parse
// the request, check access, call the store or the pure packages (review,
// table) and render.
package web
