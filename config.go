package svcaudit

import (
	"os"
	"path/filepath"

	"github.com/svcaudit/svcaudit/internal/config"
)

// ConfigName is the name of the settings file FindConfig looks for.
const ConfigName = config.Name

// FindConfig looks for .svcaudit.yaml in dir and its parents, stopping at
// the root of the repository (a folder holding .git) or of the file
// system. It returns "" and no error when there is none.
func FindConfig(dir string) (string, error) { return config.Find(dir) }

// loadConfig reads the settings file at path, with its folder made
// relative to the working folder so that the paths it names read as a
// user would type them.
func loadConfig(path string) (*config.Config, error) {
	c, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(c.Dir); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil {
				c.Dir = rel
			}
		}
	}
	return c, nil
}

// waiverSettings takes the waivers (a file, or a list written in the
// settings file itself), the expiry warning and fail-on-expired from c, where given does
// not say the caller set them; check and audit share it.
func waiverSettings(c *config.Config, given func(string) bool, file *string, inline **config.Config, warnDays *int, failOnExpired *bool) {
	if !given("waivers") && c.Waivers != nil {
		if c.WaiversFile != "" {
			*file = c.Path(c.WaiversFile)
		} else {
			*inline = c
		}
	}
	if !given("warn-expiry") && c.WarnExpiry != nil {
		*warnDays = *c.WarnExpiry
	}
	if !given("fail-on-expired") && c.FailOnExpired {
		*failOnExpired = true
	}
}
