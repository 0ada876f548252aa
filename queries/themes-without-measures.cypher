// title: Stated needs no measure addresses
// answers: Themes a report states as needs for which no measure in any report of the same owner and year addresses that theme, with how many of the owner's reports that year state it.
// param: year integer optional  Only this year

MATCH (report:NeedsReport)-[:STATES_NEED]->(t:Theme),
      (report)-[:SUBMITTED_BY]->(o)
WHERE report.year IS NOT NULL AND t.code IS NOT NULL AND o.name IS NOT NULL
  AND ($year IS NULL OR report.year = $year)
  AND NOT EXISTS {
    MATCH (other:NeedsReport)-[:SUBMITTED_BY]->(o),
          (other)-[:DESCRIBES]->(p)<-[:OF]-(m)-[:ADDRESSES]->(t)
    WHERE other.year = report.year
  }
RETURN o.name AS owner, report.year AS year, t.code AS theme,
       count(DISTINCT report) AS reports
ORDER BY owner, year, theme
