package sqldb

import (
	"jixiao"
)

// domainErr gives a driver error the domain code callers act on, keeping
// the driver error underneath for logs. Errors that mean nothing to a user
// stay as they are and count as internal.
func domainErr(err error) error {
	switch classify(err) {
	case errUnique, errRetry:
		return &jixiao.Error{Code: jixiao.ECONFLICT, Message: "数据正被同时修改，请重试 (concurrent change, try again)", Err: err}
	case errInvalid:
		return &jixiao.Error{Code: jixiao.EINVALID, Message: "数据不符合存储约束 (data violates a storage constraint)", Err: err}
	}
	return err
}
