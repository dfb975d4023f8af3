-- A dashboard in a time zone whose days are not UTC days reads the survey answers of a few hours at each bucket bound
-- (see BucketPieces): by the instant alone, since the rollup's NPS, CSAT and eNPS are summed from one read of the
-- answers. The (survey, responded_at) index cannot serve a range of instants across surveys, so that read scanned
-- every answer, once per bound (17 of a Berlin dashboard's 33 ms at 100k).
create index survey_response_responded_at_idx on survey_response (responded_at);
