// Unit tests touch no AWS service; quiet logs and metrics all the same, as the functions read these at import.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
