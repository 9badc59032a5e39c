"""The facilitator's approvals: the review file beside a spec and the approval status of its content.

Below the dossier, so that every command reads the status once.
"""
