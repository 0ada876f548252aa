// title: Continued measures
// answers: Measures a report says continue earlier work, the year they continue from, and the earlier measure where that report is in the graph.
// param: owner string optional  Only this owner's measures

MATCH (m:Measure {continued: true})-[:OF]->(p),
      (report)-[:DESCRIBES]->(p),
      (report)-[:SUBMITTED_BY]->(o)
WHERE m.name IS NOT NULL AND o.name IS NOT NULL
  AND ($owner IS NULL OR o.name = $owner)
OPTIONAL MATCH (m)-[:CONTINUES]->(old)
WHERE old.name IS NOT NULL
RETURN o.name AS owner, report.year AS year, m.name AS measure,
       report.continuesYear AS continues_year, old.name AS earlier_measure
ORDER BY owner, year, measure
