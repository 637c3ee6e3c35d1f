package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"jixiao"
	"jixiao/internal/auth"
	"jixiao/internal/sqldb"
)

func (s *Server) setSession(w http.ResponseWriter, secret string) {
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: secret, Path: "/",
		MaxAge: int(s.ttl / time.Second), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure,
	})
}

func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
}

type loginView struct {
	Login string
	Next  string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "login", "登录", loginView{Next: safeNext(r.URL.Query().Get("next"))})
}

// login checks a password. Failures are counted per login name and per
// client address; an unknown login costs as much time as a wrong password,
// and both get the same message, so that the page does not tell which
// logins exist.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	login, pw := r.PostFormValue("login"), r.PostFormValue("password")
	lv := loginView{Login: login, Next: safeNext(r.PostFormValue("next"))}
	fail := func(status int, msg string) error {
		v := &view{User: userOf(r), Title: "登录", Error: msg, Page: lv}
		return s.renderView(w, "login", v, status)
	}
	addr := clientAddr(r)
	for _, key := range []string{"login:" + login, "addr:" + addr} {
		lim := s.logins
		if key[0] == 'a' {
			lim = s.clients
		}
		if ok, wait := lim.Allow(key); !ok {
			w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
			return fail(http.StatusTooManyRequests, fmt.Sprintf("登录失败次数过多，请 %d 秒后再试。", int(wait.Seconds())))
		}
	}
	u, hash, err := s.db.Credentials(r.Context(), login)
	ok := false
	if err == nil {
		ok, err = auth.VerifyPassword(pw, hash)
		if err != nil {
			s.log.Error("stored password hash", "login", login, "err", err)
		}
	} else if jixiao.ErrorCode(err) == jixiao.ENOTFOUND {
		auth.BurnTime(pw)
	} else {
		return err
	}
	if !ok || u.Disabled {
		s.logins.Fail("login:" + login)
		s.clients.Fail("addr:" + addr)
		return fail(http.StatusUnauthorized, "登录名或密码不正确。")
	}
	s.logins.Reset("login:" + login)
	secret := auth.NewSecret("")
	if err := s.db.CreateSession(r.Context(), auth.HashSecret(secret), u.ID, s.now().Add(s.ttl)); err != nil {
		return err
	}
	s.setSession(w, secret)
	return s.redirect(w, r, lv.Next, "")
}

func (s *Server) renderView(w http.ResponseWriter, page string, v *view, status int) error {
	t := s.pages.byName[page]
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return t.Execute(w, v)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.db.DeleteSession(r.Context(), auth.HashSecret(c.Value)); err != nil {
			return err
		}
	}
	s.clearSession(w)
	return s.redirect(w, r, "/", "")
}

type accountView struct {
	Tokens   []sqldb.Token
	NewToken string // shown once, right after it is made
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderAccount(w, r, "", "")
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, newToken, errMsg string) error {
	u := userOf(r)
	toks, err := s.db.Tokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	v := &view{User: u, Title: "我的账号", Path: r.URL.Path, Error: errMsg, Flash: s.takeFlash(w, r), Page: accountView{Tokens: toks, NewToken: newToken}}
	status := http.StatusOK
	if errMsg != "" {
		status = http.StatusUnprocessableEntity
	}
	return s.renderView(w, "account", v, status)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	_, hash, err := s.db.Credentials(r.Context(), u.Login)
	if err != nil {
		return err
	}
	if ok, _ := auth.VerifyPassword(r.PostFormValue("current"), hash); !ok {
		return s.renderAccount(w, r, "", "当前密码不正确。")
	}
	pw := r.PostFormValue("new")
	if err := auth.CheckPasswordStrength(pw); err != nil {
		return s.renderAccount(w, r, "", err.Error()+"。")
	}
	if pw != r.PostFormValue("repeat") {
		return s.renderAccount(w, r, "", "两次输入的新密码不一致。")
	}
	h, err := auth.HashPassword(pw, auth.Default)
	if err != nil {
		return err
	}
	if _, err := s.db.UpdateUser(r.Context(), u.ID, sqldb.UserChange{PasswordHash: &h}, u.Login); err != nil {
		return err
	}
	// Changing the password ended every session, this one too: start anew.
	secret := auth.NewSecret("")
	if err := s.db.CreateSession(r.Context(), auth.HashSecret(secret), u.ID, s.now().Add(s.ttl)); err != nil {
		return err
	}
	s.setSession(w, secret)
	return s.redirect(w, r, "/account", "password")
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	name := jixiao.FoldSpace(r.PostFormValue("name"))
	if name == "" {
		return s.renderAccount(w, r, "", "请给令牌起个名字，例如用它的脚本名。")
	}
	secret := auth.NewSecret("jxt_")
	if _, err := s.db.CreateToken(r.Context(), u.ID, name, auth.HashSecret(secret), u.Login); err != nil {
		return err
	}
	return s.renderAccount(w, r, secret, "")
}

func (s *Server) deleteToken(w http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	id, err := strconv.ParseInt(r.PathValue("tid"), 10, 64)
	if err != nil {
		return errNotFound("令牌不存在")
	}
	if err := s.db.DeleteToken(r.Context(), u.ID, id, u.Login); err != nil {
		return err
	}
	return s.redirect(w, r, "/account", "token")
}
