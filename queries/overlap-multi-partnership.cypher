// title: Owners in several partnerships in one year
// answers: Owners, schools and kindergartens that take part in two or more partnerships (reports) in the same year.
// param: year integer optional  Only this year

MATCH (o)-[:PARTNER_IN]->(p)
WHERE o.name IS NOT NULL AND p.year IS NOT NULL
  AND NOT o:University AND NOT o:UniversityUnit
  AND ($year IS NULL OR p.year = $year)
WITH o.name AS organisation, p.year AS year, count(DISTINCT p) AS partnerships
WHERE partnerships >= 2
RETURN organisation, year, partnerships
ORDER BY organisation, year
