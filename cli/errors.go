package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/featurize/featurize/pipeline"
)

// usagef returns a usage error (exit 2): a bad flag or argument.
func usagef(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{pipeline.ErrUsage}, args...)...)
}

// flagNames are the run flags of pipeline.Config's fields, for messages.
var flagNames = map[string]string{
	"InputDir": "INPUT_DIR", "Pattern": "--pattern", "Glob": "--glob", "Files": "--files", "N": "--n", "Header": "--header", "InputFormat": "--input-format", "Long": "--id-column, --sort-column, --kind-column or --value-column", "Dialect": "--delimiter, --decimal or --comment",
	"Window": "--window", "Stride": "--stride", "Columns": "--columns", "Features": "--features",
	"TargetColumn": "--target-column", "Horizon": "--horizon", "Labels": "--labels",
	"IndexColumn": "--index-column", "LabelColumn": "--label-column", "AllowTargetFeature": "--allow-target-feature",
	"Engine": "--engine", "Workers": "--workers", "Chunks": "--chunks", "Retries": "--retries",
	"TaskTimeout": "--task-timeout", "OutDir": "--out", "Format": "--format", "DType": "--dtype",
	"Resume": "--resume", "SkipBad": "--skip-bad", "KeepParts": "--keep-parts", "NoLock": "--no-lock",
	"Shard": "--shard", "ExternalCommand": "--worker-cmd",
}

func flagName(field string) string {
	if f, ok := flagNames[field]; ok {
		return f
	}
	return field
}

// message is err's text as the command line says it: the Config fields a
// pipeline message names become the flags that set them.
func message(err error) string {
	msg := err.Error()
	var oe *pipeline.OptionError
	if errors.As(err, &oe) {
		msg = strings.Replace(msg, oe.Error(), oe.Format(flagName), 1)
	}
	// Every exit-2 message starts as a bad flag's does.
	if errors.Is(err, pipeline.ErrUsage) && !strings.HasPrefix(msg, "usage") {
		msg = "usage: " + msg
	}
	return msg
}
