-- The rumours rows behind the stories a table shows ($files, $lines: each story's file and line),
-- with every column: a report's link is its url, else a web address the source file carried in an
-- extra column (a Transfermarkt export's thread link), picked in analysis.marts.story_links.
SELECT r.*
FROM rumours AS r
JOIN (SELECT unnest($files) AS source_file, unnest($lines) AS line_number) AS wanted USING (source_file, line_number);
