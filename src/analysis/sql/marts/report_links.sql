-- The rumours rows behind the stories a table shows ($files, $lines: each story's file and line),
-- with just the columns that may hold its link: url, and any column whose name says link (an
-- export's thread link, e.g. Transfermarkt's `Source`); analysis.marts.story_links picks the link.
-- Reading these few columns, not every column, keeps it quick on a million reports.
SELECT COLUMNS('(?i)url|link|thread|href|source|line_number')
FROM rumours AS r
JOIN (SELECT unnest($files) AS source_file, unnest($lines) AS line_number) AS wanted USING (source_file, line_number);
