// title: Funding by scheme and year
// answers: How much money the reports ask for under each scheme and year, split into the owners' share and the universities' share. Money whose scheme the report does not state is shown with no scheme.
// param: year integer optional  Only this year, e.g. 2024

MATCH (grant:Grant)
WHERE grant.amount IS NOT NULL AND grant.recipientRole IS NOT NULL
  AND ($year IS NULL OR grant.year = $year)
OPTIONAL MATCH (grant)-[:UNDER]->(s:Scheme)
RETURN s.code AS scheme, grant.year AS year,
       sum(CASE WHEN grant.recipientRole = 'eier' THEN grant.amount ELSE 0 END) AS owner_amount,
       sum(CASE WHEN grant.recipientRole = 'uh' THEN grant.amount ELSE 0 END) AS uh_amount,
       sum(grant.amount) AS total
ORDER BY year, scheme
